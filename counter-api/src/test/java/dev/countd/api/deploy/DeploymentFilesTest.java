package dev.countd.api.deploy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.countd.api.deploy.DeploymentFiles.DOCKER;
import static dev.countd.api.deploy.DeploymentFiles.documents;
import static dev.countd.api.deploy.DeploymentFiles.k8s;
import static dev.countd.api.deploy.DeploymentFiles.list;
import static dev.countd.api.deploy.DeploymentFiles.map;
import static dev.countd.api.deploy.DeploymentFiles.read;
import static org.assertj.core.api.Assertions.assertThat;

/** The compose file, the Kubernetes manifests and the Dockerfile agree with the application's config. */
class DeploymentFilesTest {

    /** Files the observability issue adds under docker/; the compose file mounts them. */
    private static final Set<String> OBSERVABILITY_MOUNTS = Set.of("./prometheus.yml", "./grafana/provisioning",
            "./grafana/dashboards");

    private static final Map<String, String> CONFIG = DeploymentFiles.configVariables();

    private static Map<String, Object> compose() {
        return map(documents(DOCKER.resolve("compose.yaml")).get(0));
    }

    private static Map<String, Object> nodeEnvironment(String service) {
        return map(compose(), "services", service, "environment");
    }

    @Test
    void everyYamlFileUnderDockerParses() {
        List<Path> files = DeploymentFiles.yamlFiles();
        assertThat(files).extracting(f -> DOCKER.relativize(f).toString())
                .contains("compose.yaml", "k8s/statefulset.yaml", "k8s/service.yaml", "k8s/rbac.yaml",
                        "k8s/configmap.yaml", "k8s/poddisruptionbudget.yaml", "k8s/networkpolicy.yaml");
        for (Path file : files) {
            assertThat(documents(file)).as(file.toString()).isNotEmpty();
        }
    }

    @Test
    void everyCounterVariableTheDeploymentSetsIsOneTheApplicationReads() {
        Pattern variable = Pattern.compile("\\bCOUNTER_[A-Z0-9_]+\\b");
        Set<String> used = new TreeSet<>();
        for (Path file : DeploymentFiles.allFiles()) {
            Matcher m = variable.matcher(read(file));
            while (m.find()) {
                used.add(m.group());
            }
        }
        assertThat(used).contains("COUNTER_CLUSTER_MEMBERS", "COUNTER_K8S_SERVICE_NAME", "COUNTER_CLUSTER_MIN_SIZE");
        assertThat(CONFIG.keySet()).containsAll(used);
    }

    @Test
    void composeNodesFormOneClusterOnTheInternalNetworkAtTheirOwnAddresses() {
        Map<String, Object> networks = map(compose(), "networks");
        assertThat(map(networks, "cluster").get("internal")).isEqualTo(true);
        for (String node : List.of("node1", "node2", "node3")) {
            Map<String, Object> env = nodeEnvironment(node);
            String bind = (String) env.get("COUNTER_HAZELCAST_BIND");
            String hazelcastPort = String.valueOf(env.get("COUNTER_HAZELCAST_PORT"));
            assertThat(map(compose(), "services", node, "networks", "cluster").get("ipv4_address")).isEqualTo(bind);
            assertThat(Arrays.asList(((String) env.get("COUNTER_CLUSTER_MEMBERS")).split(",")))
                    .as(node + " is in the member list").contains(bind + ":" + hazelcastPort);
            assertThat(hazelcastPort).isEqualTo(CONFIG.get("COUNTER_HAZELCAST_PORT"));
        }
    }

    @Test
    void composePublishesNeitherTheMemberPortNorTheAdminPort() {
        Map<String, Object> services = map(compose(), "services");
        for (String service : services.keySet()) {
            Object ports = map(services, service).get("ports");
            for (Object port : ports == null ? List.of() : (List<?>) ports) {
                assertThat(port.toString()).as(service + " publishes " + port)
                        .doesNotEndWith(":" + CONFIG.get("COUNTER_HAZELCAST_PORT"))
                        .doesNotEndWith(":" + CONFIG.get("COUNTER_ADMIN_PORT"));
            }
        }
    }

    @Test
    void loadBalancerAndPrometheusUseTheNodesPorts() {
        String apiPort = String.valueOf(nodeEnvironment("node1").get("COUNTER_PORT"));
        String adminPort = String.valueOf(nodeEnvironment("node1").get("COUNTER_ADMIN_PORT"));
        assertThat(apiPort).isEqualTo(CONFIG.get("COUNTER_PORT"));
        assertThat(adminPort).isEqualTo(CONFIG.get("COUNTER_ADMIN_PORT"));
        String nginx = read(DOCKER.resolve("nginx/nginx.conf"));
        for (String node : List.of("node1", "node2", "node3")) {
            assertThat(nginx).contains("server " + node + ":" + apiPort);
        }
        Path prometheus = DOCKER.resolve("prometheus.yml");
        if (Files.exists(prometheus)) {
            String scrape = read(prometheus);
            for (String node : List.of("node1", "node2", "node3")) {
                assertThat(scrape).contains(node + ":" + adminPort);
            }
            assertThat(nodeEnvironment("node1").get("COUNTER_ADMIN_BIND_HOST")).isEqualTo("0.0.0.0");
        }
    }

    @Test
    void composeMountsOnlyFilesThatExist() {
        Map<String, Object> services = map(compose(), "services");
        List<String> missing = new ArrayList<>();
        for (String service : services.keySet()) {
            Object volumes = map(services, service).get("volumes");
            for (Object volume : volumes == null ? List.of() : (List<?>) volumes) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith(".") && !Files.exists(DOCKER.resolve(source).normalize())
                        && !OBSERVABILITY_MOUNTS.contains(source)) {
                    missing.add(service + ": " + source);
                }
            }
        }
        assertThat(missing).isEmpty();
        Map<String, Object> build = map(compose(), "services", "node1", "build");
        Path context = DOCKER.resolve((String) build.get("context")).normalize();
        assertThat(context.resolve((String) build.get("dockerfile"))).isRegularFile();
        assertThat(context.resolve("mvnw")).as("the build context is the repository root").isRegularFile();
    }

    @Test
    void kubernetesPortsMatchTheConfigMap() {
        Map<String, Object> config = map(k8s("ConfigMap", "countd-config"), "data");
        Map<String, Object> container = map(list(k8s("StatefulSet", "countd"), "spec", "template", "spec", "containers").get(0));
        Map<String, Integer> ports = new java.util.HashMap<>();
        for (Object port : list(container, "ports")) {
            ports.put((String) map(port).get("name"), (Integer) map(port).get("containerPort"));
        }
        assertThat(String.valueOf(ports.get("http"))).isEqualTo(config.get("COUNTER_PORT")).isEqualTo(CONFIG.get("COUNTER_PORT"));
        assertThat(String.valueOf(ports.get("admin"))).isEqualTo(config.get("COUNTER_ADMIN_PORT"));
        assertThat(String.valueOf(ports.get("hazelcast"))).isEqualTo(config.get("COUNTER_HAZELCAST_PORT"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertThat(map(container, probe, "httpGet").get("port")).as(probe).isEqualTo("admin");
        }
        assertThat(config.get("COUNTER_ADMIN_BIND_HOST")).as("probes reach the admin port on the pod IP").isEqualTo("0.0.0.0");
    }

    @Test
    void kubernetesDiscoveryServiceAccountAndPoliciesPointAtTheSamePods() {
        Map<String, Object> statefulSet = k8s("StatefulSet", "countd");
        Map<String, Object> podLabels = map(statefulSet, "spec", "template", "metadata", "labels");
        Map<String, Object> headless = k8s("Service", "countd-hazelcast");
        assertThat(map(headless, "spec").get("clusterIP")).isEqualTo("None");
        assertThat(map(headless, "spec", "selector")).isEqualTo(podLabels);
        assertThat(map(k8s("ConfigMap", "countd-config"), "data").get("COUNTER_K8S_SERVICE_NAME"))
                .isEqualTo(map(headless, "metadata").get("name"));
        assertThat(map(statefulSet, "spec", "template", "spec").get("serviceAccountName"))
                .isEqualTo(map(k8s("ServiceAccount", null), "metadata").get("name"));
        Set<String> granted = new LinkedHashSet<>();
        for (Object rule : list(k8s("ClusterRole", null), "rules")) {
            List<?> verbs = list(rule, "verbs");
            if (verbs.containsAll(List.of("get", "list"))) {
                list(rule, "resources").forEach(r -> granted.add(r.toString()));
            }
        }
        assertThat(granted).contains("endpoints", "pods", "nodes", "services");
        assertThat(map(k8s("PodDisruptionBudget", null), "spec", "selector", "matchLabels")).isEqualTo(podLabels);
        assertThat(map(k8s("NetworkPolicy", null), "spec", "podSelector", "matchLabels")).isEqualTo(podLabels);
    }

    @Test
    void onlyCountdPodsMayReachTheMemberPort() {
        Map<String, Object> policy = k8s("NetworkPolicy", null);
        Map<String, Object> podLabels = map(k8s("StatefulSet", "countd"), "spec", "template", "metadata", "labels");
        int memberPort = Integer.parseInt(CONFIG.get("COUNTER_HAZELCAST_PORT"));
        int rulesOpeningIt = 0;
        for (Object rule : list(policy, "spec", "ingress")) {
            boolean opens = list(rule, "ports").stream().anyMatch(p -> Integer.valueOf(memberPort).equals(map(p).get("port")));
            if (opens) {
                rulesOpeningIt++;
                assertThat(list(rule, "from")).hasSize(1);
                assertThat(map(list(rule, "from").get(0))).containsOnlyKeys("podSelector");
                assertThat(map(list(rule, "from").get(0), "podSelector", "matchLabels")).isEqualTo(podLabels);
            }
        }
        assertThat(rulesOpeningIt).isEqualTo(1);
    }
}
