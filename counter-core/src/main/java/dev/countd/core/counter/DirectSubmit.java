package dev.countd.core.counter;

import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.internal.util.ConcurrencyUtil;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.map.impl.proxy.MapProxyImpl;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One entry processor on one key, answered on the thread that completes Hazelcast's invocation: the
 * partition thread for a local owner, a response thread when a remote owner answers or a backup
 * acknowledges. That is the same invocation as {@code executeOnKey}'s (it completes only after the sync
 * backups acknowledged), without a thread waiting for it.
 *
 * <p>Why not {@code IMap.submitToKey}: its future completes itself through Hazelcast's default async
 * executor (the common pool, or a new thread per call where the pool has one thread), a hand-off on
 * every call; and its non-async callbacks run there too. The member's own proxy offers the invocation
 * itself. Any other {@code IMap} (none today) gets the public call.
 */
final class DirectSubmit {

    private DirectSubmit() {
    }

    /** The processor's result; completes exceptionally with what the invocation failed with. */
    static <R> CompletionStage<R> submit(IMap<String, Counter> map, String key, EntryProcessor<String, Counter, R> processor) {
        if (!(map instanceof MapProxyImpl<String, Counter> proxy)) {
            return map.submitToKey(key, processor);
        }
        if (processor instanceof HazelcastInstanceAware aware) { // what executeOnKey does for a local processor
            aware.setHazelcastInstance(proxy.getNodeEngine().getHazelcastInstance());
        }
        SerializationService serialization = proxy.getNodeEngine().getSerializationService();
        CompletableFuture<R> result = new CompletableFuture<>();
        proxy.executeOnKeyInternal(key, processor).whenCompleteAsync((data, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
                return;
            }
            try {
                result.complete(serialization.toObject(data));
            } catch (Throwable e) { // an Error too: the stage must complete, or nobody answers the caller
                result.completeExceptionally(e);
            }
        }, ConcurrencyUtil.CALLER_RUNS);
        return result;
    }
}
