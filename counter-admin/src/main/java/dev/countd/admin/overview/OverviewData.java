package dev.countd.admin.overview;

import java.util.List;
import java.util.SortedMap;

/** What the overview shows about the cluster; the application implements it over Hazelcast. */
public interface OverviewData {

    List<Member> members();

    /** Number of counters per namespace, by namespace name. */
    SortedMap<String, Long> countersPerNamespace();

    /** @param local the member serving this page */
    record Member(String address, String uuid, boolean local) {
    }
}
