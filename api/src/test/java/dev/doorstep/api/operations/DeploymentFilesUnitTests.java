package dev.doorstep.api.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.Yaml;

/**
 * compose.yaml and deploy/k8s agree with the app's settings (application.yml): the port it listens on, its probe
 * paths, the environment variables it reads, and every secret they reference exists; the Deployment runs the image
 * of api/pom.xml's Jib configuration as its user, read-only with volumes where it writes, and exports its traces.
 */
class DeploymentFilesUnitTests {

    private static final Path ROOT = Path.of("..");
    private static final String LIVENESS = "/actuator/health/liveness";
    private static final String READINESS = "/actuator/health/readiness";

    private final Map<String, Object> settings = yaml(Path.of("src/main/resources/application.yml"));

    @Test
    void theAppServesTheProbesTheDeploymentsUse() {
        assertThat(at(settings, "management.endpoint.health.probes.enabled")).isEqualTo(true);
        assertThat(String.valueOf(at(settings, "management.endpoints.web.exposure.include"))).contains("health");
        assertThat(at(settings, "server.port")).isEqualTo(8080);
    }

    @Test
    void kubernetesProbesPortsAndSecretsMatchTheAppsSettings() throws IOException {
        Map<String, List<Map<String, Object>>> byKind = kubernetesObjects();
        Map<String, Object> deployment = byKind.get("Deployment").get(0);
        Map<String, Object> container = this.<Map<String, Object>>list(at(deployment, "spec.template.spec.containers")).get(0);
        Map<String, Object> port = this.<Map<String, Object>>list(container.get("ports")).get(0);
        assertThat(port).containsEntry("name", "http").containsEntry("containerPort", at(settings, "server.port"));
        assertThat(at(container, "startupProbe.httpGet")).isEqualTo(Map.of("path", LIVENESS, "port", "http"));
        assertThat(at(container, "livenessProbe.httpGet")).isEqualTo(Map.of("path", LIVENESS, "port", "http"));
        assertThat(at(container, "readinessProbe.httpGet")).isEqualTo(Map.of("path", READINESS, "port", "http"));
        assertThat(map(at(container, "resources.requests"))).containsKeys("cpu", "memory");
        assertThat(map(at(container, "resources.limits"))).containsKey("memory");

        Map<String, Map<String, Object>> secrets = new HashMap<>();
        byKind.get("Secret").forEach(s -> secrets.put((String) at(s, "metadata.name"), map(s.get("stringData"))));
        Map<String, Object> env = new HashMap<>();
        for (Map<String, Object> variable : this.<Map<String, Object>>list(container.get("env"))) {
            env.put((String) variable.get("name"), variable.containsKey("value") ? variable.get("value") : variable.get("valueFrom"));
            Object ref = at(variable, "valueFrom.secretKeyRef");
            if (ref != null) {
                Map<String, Object> secretRef = map(ref);
                assertThat(secrets).as("Secret " + secretRef.get("name")).containsKey((String) secretRef.get("name"));
                assertThat(secrets.get(secretRef.get("name"))).containsKey((String) secretRef.get("key"));
            }
        }
        assertThat(env.keySet()).allSatisfy(name -> assertThat(knownVariables()).as("a setting named " + name).contains(name));
        for (String secret : List.of("DOORSTEP_TRACKING_LINK_SECRET", "SPRING_R2DBC_PASSWORD", "SPRING_DATA_REDIS_PASSWORD")) {
            assertThat(env.get(secret)).as(secret + " from a Secret").isInstanceOf(Map.class);
        }
        assertFcmCredentialsMountedFromTheirSecret(deployment, container, (String) env.get("DOORSTEP_FCM_CREDENTIALS_FILE"),
                secrets);

        Map<String, Object> budget = byKind.get("PodDisruptionBudget").get(0);
        assertThat(at(budget, "spec.selector.matchLabels")).isEqualTo(at(deployment, "spec.selector.matchLabels"));
        assertThat((Integer) at(budget, "spec.minAvailable")).isPositive()
                .isLessThan((Integer) at(deployment, "spec.replicas"));
        Map<String, Object> service = byKind.get("Service").get(0);
        assertThat(this.<Map<String, Object>>list(at(service, "spec.ports")).get(0)).containsEntry("targetPort", "http");
    }

    @Test
    void theDeploymentRunsTheImageAsItsUserOnItsPortWithWritableDataAndTmp() throws Exception {
        Element jib = jibConfiguration();
        Element container = (Element) jib.getElementsByTagName("container").item(0);
        String user = text(container, "user");
        assertThat(user).isEqualTo("65532:65532");
        assertThat(text(container, "port")).isEqualTo(String.valueOf(at(settings, "server.port")));
        assertThat(text(container, "mainClass")).isEqualTo("dev.doorstep.api.DoorstepApplication");
        assertThat(text(jib, "image")).isEqualTo("${image.base}");

        Map<String, Object> deployment = kubernetesObjects().get("Deployment").get(0);
        Map<String, Object> pod = map(at(deployment, "spec.template.spec"));
        assertThat(at(pod, "securityContext.runAsNonRoot")).isEqualTo(true);
        assertThat(at(pod, "securityContext.runAsUser") + ":" + at(pod, "securityContext.runAsGroup")).isEqualTo(user);
        Map<String, Object> app = this.<Map<String, Object>>list(pod.get("containers")).get(0);
        assertThat(at(app, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
        assertThat(at(app, "securityContext.allowPrivilegeEscalation")).isEqualTo(false);
        // A read-only image: the JVM's /tmp and the data directory are volumes.
        String dataDir = this.<Map<String, Object>>list(app.get("env")).stream()
                .filter(v -> "DOORSTEP_DATA_DIR".equals(v.get("name"))).map(v -> (String) v.get("value"))
                .findFirst().orElseThrow();
        Set<String> emptyDirs = new HashSet<>();
        this.<Map<String, Object>>list(pod.get("volumes")).stream().filter(v -> v.containsKey("emptyDir"))
                .forEach(v -> emptyDirs.add((String) v.get("name")));
        List<String> writable = this.<Map<String, Object>>list(app.get("volumeMounts")).stream()
                .filter(m -> emptyDirs.contains(m.get("name"))).map(m -> (String) m.get("mountPath")).toList();
        assertThat(writable).contains("/tmp", dataDir);
    }

    @Test
    void tracingOnInKubernetesHasACollectorToExportTo() throws IOException {
        Map<String, Object> deployment = kubernetesObjects().get("Deployment").get(0);
        Map<String, Object> app = this.<Map<String, Object>>list(at(deployment, "spec.template.spec.containers")).get(0);
        Map<String, Object> env = new HashMap<>();
        this.<Map<String, Object>>list(app.get("env")).forEach(v -> env.put((String) v.get("name"), v.get("value")));
        assertThat(String.valueOf(at(settings, "management.tracing.enabled"))).contains("DOORSTEP_TRACING_ENABLED:false");
        assertThat(env).containsEntry("DOORSTEP_TRACING_ENABLED", "true");
        assertThat((String) env.get("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT")).matches("https?://.+/v1/traces");
        assertThat(Double.parseDouble((String) env.get("DOORSTEP_TRACING_SAMPLING"))).isBetween(0.0, 1.0);
    }

    @Test
    void kustomizationAppliesEveryManifest() throws IOException {
        Map<String, Object> kustomization = yaml(ROOT.resolve("deploy/k8s/kustomization.yaml"));
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            assertThat(list(kustomization.get("resources"))).containsExactlyInAnyOrderElementsOf(files
                    .map(f -> f.getFileName().toString()).filter(f -> !f.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void composeRunsTwoNodesBehindAProxyOnPostgres17AndRedis() throws IOException {
        Map<String, Object> services = map(yaml(ROOT.resolve("compose.yaml")).get("services"));
        assertThat((String) at(services, "postgres.image")).startsWith("postgres:17");
        assertThat((String) at(services, "redis.image")).startsWith("redis:7");
        List<String> appNodes = services.entrySet().stream()
                .filter(s -> String.valueOf(map(s.getValue()).get("command")).contains("doorstep.jar")).map(Map.Entry::getKey)
                .toList();
        assertThat(appNodes).hasSize(2);
        String nginx = Files.readString(ROOT.resolve("deploy/compose/nginx.conf"));
        for (String node : appNodes) {
            Map<String, Object> app = map(services.get(node));
            assertThat(map(app.get("environment")).keySet())
                    .allSatisfy(name -> assertThat(knownVariables()).as("a setting named " + name).contains(name));
            assertThat(at(app, "environment.SERVER_PORT")).isEqualTo(String.valueOf(at(settings, "server.port")));
            assertThat(String.valueOf(at(app, "healthcheck.test"))).contains(READINESS);
            assertThat(nginx).contains("server " + node + ":" + at(settings, "server.port") + ";");
        }
        assertThat((String) at(services, "proxy.image")).startsWith("nginx");
        assertThat(String.valueOf(at(services, "proxy.volumes"))).contains("deploy/compose/nginx.conf");
    }

    private void assertFcmCredentialsMountedFromTheirSecret(Map<String, Object> deployment, Map<String, Object> container,
            String file, Map<String, Map<String, Object>> secrets) {
        assertThat(file).isNotBlank();
        Path credentials = Path.of(file);
        Map<String, Object> mount = this.<Map<String, Object>>list(container.get("volumeMounts")).stream()
                .filter(m -> credentials.getParent().equals(Path.of((String) m.get("mountPath")))).findFirst().orElseThrow();
        Map<String, Object> volume = this.<Map<String, Object>>list(at(deployment, "spec.template.spec.volumes")).stream()
                .filter(v -> v.get("name").equals(mount.get("name"))).findFirst().orElseThrow();
        String secret = (String) at(volume, "secret.secretName");
        assertThat(secrets.get(secret)).containsKey(credentials.getFileName().toString());
    }

    /**
     * Environment variables the app reads: the placeholders of application.yml, the Spring ones that
     * docs/production.md tells a deployment to set, and the JVM's own.
     */
    private static Set<String> knownVariables() {
        Set<String> names = new HashSet<>(Set.of("JAVA_TOOL_OPTIONS"));
        try {
            Matcher placeholder = Pattern.compile("\\$\\{([A-Z0-9_]+):").matcher(
                    Files.readString(Path.of("src/main/resources/application.yml")));
            while (placeholder.find()) {
                names.add(placeholder.group(1));
            }
            Matcher documented = Pattern.compile("`((?:SPRING|SERVER|LOGGING|MANAGEMENT)_[A-Z0-9_]+)").matcher(
                    Files.readString(ROOT.resolve("docs/production.md")));
            while (documented.find()) {
                names.add(documented.group(1));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /** The jib-maven-plugin's configuration in api/pom.xml. */
    private static Element jibConfiguration() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if ("jib-maven-plugin".equals(text(plugin, "artifactId"))) {
                return (Element) plugin.getElementsByTagName("configuration").item(0);
            }
        }
        throw new AssertionError("no jib-maven-plugin in api/pom.xml");
    }

    private static String text(Element parent, String tag) {
        return parent.getElementsByTagName(tag).item(0).getTextContent().strip();
    }

    private static Map<String, List<Map<String, Object>>> kubernetesObjects() throws IOException {
        Map<String, List<Map<String, Object>>> byKind = new HashMap<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path file : files.filter(f -> !f.endsWith("kustomization.yaml")).toList()) {
                for (Object document : new Yaml().loadAll(Files.readString(file))) {
                    Map<String, Object> object = map(document);
                    byKind.computeIfAbsent((String) object.get("kind"), k -> new ArrayList<>()).add(object);
                }
            }
        }
        return byKind;
    }

    /** The value at a dotted path of nested maps, or null. */
    private static Object at(Map<String, Object> root, String path) {
        Object value = root;
        for (String key : path.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) {
                return null;
            }
            value = map.get(key);
        }
        return value;
    }

    private static Map<String, Object> yaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> list(Object value) {
        return (List<T>) value;
    }
}
