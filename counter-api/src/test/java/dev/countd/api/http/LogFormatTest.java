package dev.countd.api.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.logging.common.layout.DiscoverableLayoutFactory;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code COUNTER_LOG_FORMAT} picks the layout type: json (structured, MDC fields) or text. */
class LogFormatTest {

    private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

    @Test
    void jsonLayoutWritesOneObjectWithTheRequestFields() throws Exception {
        JsonNode line = new ObjectMapper().readTree(format("json"));
        assertThat(line.path("message").asText()).isEqualTo("POST /counters/{name}/increment 200 1.500ms key=k1");
        assertThat(line.path("logger").asText()).isEqualTo(RequestLog.LOGGER);
        assertThat(line.path("mdc").path("route").asText()).isEqualTo("/counters/{name}/increment");
        assertThat(line.path("mdc").path("keyId").asText()).isEqualTo("k1");
    }

    @Test
    void textLayoutWritesTheUsualOneLinePattern() throws Exception {
        assertThat(format("text")).startsWith("INFO  [").contains("countd.request: POST /counters/{name}/increment 200");
    }

    @SuppressWarnings("unchecked")
    private static String format(String type) throws Exception {
        DiscoverableLayoutFactory<ILoggingEvent> factory = YAML.readValue("type: " + type, DiscoverableLayoutFactory.class);
        LoggerContext context = new LoggerContext();
        LayoutBase<ILoggingEvent> layout = factory.build(context, TimeZone.getTimeZone("UTC"));
        layout.start();
        LoggingEvent event = new LoggingEvent(RequestLogTest.class.getName(), context.getLogger(RequestLog.LOGGER),
                Level.INFO, "POST /counters/{name}/increment 200 1.500ms key=k1", null, null);
        event.setMDCPropertyMap(Map.of("route", "/counters/{name}/increment", "keyId", "k1"));
        return layout.doLayout(event);
    }
}
