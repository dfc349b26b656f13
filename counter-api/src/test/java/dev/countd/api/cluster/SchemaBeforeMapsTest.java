package dev.countd.api.cluster;

import dev.countd.core.cluster.ClusterSettings;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member that joins others migrates before it starts; a lone member migrates while it starts. */
class SchemaBeforeMapsTest {

    private static final ClusterSettings ALONE = ClusterSettings.standalone("alone");
    private static final ClusterSettings JOINING = new ClusterSettings("joining", "127.0.0.1", 5701,
            List.of("10.0.0.2:5701"), false, 1);

    @Test
    void aMemberThatJoinsOthersHasMigratedBeforeBeginReturns() {
        AtomicReference<String> ranOn = new AtomicReference<>();

        SchemaBeforeMaps.begin(JOINING, () -> {
            ranOn.set(Thread.currentThread().getName());
            return 6;
        });

        assertThat(ranOn.get()).isEqualTo(Thread.currentThread().getName());
    }

    @Test
    void aLoneMemberMigratesInTheBackgroundAndWaitsForItBeforeTheMaps() {
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<String> ranOn = new AtomicReference<>();
        SchemaBeforeMaps schema = SchemaBeforeMaps.begin(ALONE, () -> {
            ranOn.set(Thread.currentThread().getName());
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("begin waited for the migration instead of returning");
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return 6;
        });
        // begin returned while the migration is still held: it runs elsewhere.
        release.countDown();

        assertThat(schema.awaitBeforeMaps(() -> { })).isEqualTo(6);
        assertThat(ranOn.get()).isEqualTo("schema-migration");
    }

    @Test
    void aFailedBackgroundMigrationStopsTheMemberAndFailsStartUpWithItsOwnException() {
        AtomicBoolean memberStopped = new AtomicBoolean();
        SchemaBeforeMaps schema = SchemaBeforeMaps.begin(ALONE, () -> {
            throw new IllegalStateException("Validate failed: migration checksum mismatch");
        });

        assertThatThrownBy(() -> schema.awaitBeforeMaps(() -> memberStopped.set(true)))
                .isInstanceOf(IllegalStateException.class).hasMessage("Validate failed: migration checksum mismatch");
        assertThat(memberStopped).isTrue();
    }

    @Test
    void aFailedMigrationOfAJoiningMemberFailsBeforeTheMemberStarts() {
        assertThatThrownBy(() -> SchemaBeforeMaps.begin(JOINING, () -> {
            throw new IllegalStateException("database unreachable");
        })).hasMessage("database unreachable");
    }
}
