package peers.hz;

import com.hazelcast.config.Config;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import com.hazelcast.map.IMap;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;

/**
 * The engine floor: the minimal Dropwizard resource with its map replaced by an IMap of one embedded
 * Hazelcast member, updated by an entry processor. Measured beside countd, it separates what the engine
 * costs (a hop to the partition thread and back per increment) from what countd's features cost.
 * With {@code -Dfloor.lean=true} the two POST routes are served by a plain servlet instead of Jersey; with
 * {@code -Dfloor.async=internal} by a Jetty handler whose partition thread writes the response (countd's lean
 * path), {@code -Dfloor.async=true} the same through the public {@code submitToKey}.
 * Usage: java [-Dfloor.lean=true | -Dfloor.async=internal] -jar hazelcast-floor.jar server config.yml
 */
public class HazelcastFloorApp extends Application<Configuration> {
    public static void main(String[] args) throws Exception {
        new HazelcastFloorApp().run(args);
    }

    @Override
    public String getName() {
        return "hazelcast-floor";
    }

    @Override
    public void run(Configuration configuration, Environment environment) {
        HazelcastInstance member = Hazelcast.newHazelcastInstance(memberConfig());
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                member.shutdown();
            }
        });
        IMap<String, Long> counters = member.getMap("counters");
        environment.jersey().register(new CounterResource(counters));
        if (Boolean.getBoolean("floor.lean")) { // the POST routes without Jersey, as countd serves them
            environment.servlets().addServlet("lean-counters", new LeanCounterServlet(counters, environment.getObjectMapper()))
                    .addMapping("/counters/*");
        }
        String async = System.getProperty("floor.async", "false");
        if (!async.equals("false")) { // the POST routes answered from the partition thread, no waiting thread
            SerializationService serialization = async.equals("internal")
                    ? ((SerializationServiceSupport) member).getSerializationService() : null;
            environment.getApplicationContext().insertHandler(
                    new AsyncCounterHandler(counters, environment.getObjectMapper(), serialization));
        }
    }

    /** A lone member on loopback that joins nobody (countd's embedded default), with Hazelcast's defaults otherwise. */
    static Config memberConfig() {
        Config config = new Config();
        config.setClusterName("hazelcast-floor-" + ProcessHandle.current().pid());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPort(0).getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        config.getNetworkConfig().getJoin().getMulticastConfig().setEnabled(false);
        config.getNetworkConfig().getJoin().getAutoDetectionConfig().setEnabled(false);
        return config;
    }
}
