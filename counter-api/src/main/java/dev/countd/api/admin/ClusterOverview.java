package dev.countd.api.admin;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import dev.countd.admin.overview.OverviewData;
import dev.countd.core.counter.Counter;
import dev.countd.core.counter.CounterId;

import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/** Cluster members and counters per namespace, read from Hazelcast. */
public final class ClusterOverview implements OverviewData {

    private final HazelcastInstance hazelcast;
    private final IMap<String, Counter> counters;

    public ClusterOverview(HazelcastInstance hazelcast, IMap<String, Counter> counters) {
        this.hazelcast = hazelcast;
        this.counters = counters;
    }

    @Override
    public List<OverviewData.Member> members() {
        return hazelcast.getCluster().getMembers().stream()
                .map(ClusterOverview::member).toList();
    }

    @Override
    public SortedMap<String, Long> countersPerNamespace() {
        SortedMap<String, Long> counts = new TreeMap<>();
        // From the keys (namespace/name): map values do not carry their namespace (see Counter).
        for (String key : counters.project(Projections.<java.util.Map.Entry<String, Counter>, String>singleAttribute("__key"))) {
            counts.merge(CounterId.fromKey(key).namespace(), 1L, Long::sum);
        }
        return counts;
    }

    private static OverviewData.Member member(com.hazelcast.cluster.Member member) {
        return new OverviewData.Member(member.getAddress().getHost() + ":" + member.getAddress().getPort(),
                member.getUuid().toString(), member.localMember());
    }
}
