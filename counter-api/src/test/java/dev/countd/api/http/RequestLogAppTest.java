package dev.countd.api.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.countd.api.CounterConfiguration;
import dev.countd.api.Http;
import dev.countd.api.TestApps;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(DropwizardExtensionsSupport.class)
class RequestLogAppTest {

    private static final DropwizardAppExtension<CounterConfiguration> APP = TestApps.app();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger logger;

    @BeforeEach
    void attach() {
        logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void logsOneLinePerRequestWithTheRouteAndNeverTheRawPathQueryOrHeaders() {
        Http.Reply reply = Http.local(APP.getLocalPort()).post("/counters/orders.secret-name/increment?by=7").send();
        assertThat(reply.status()).isEqualTo(200);
        String secret = TestApps.ADMIN_KEY.substring(TestApps.ADMIN_KEY.lastIndexOf('_') + 1);

        await().atMost(Duration.ofSeconds(10)).until(() -> !appender.list.isEmpty());
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getFormattedMessage()).startsWith("POST /counters/{name}/increment 200 ").endsWith("ms key=testadmin");
        String everything = event.getFormattedMessage() + event.getThreadName() + event.getMDCPropertyMap();
        assertThat(everything).doesNotContain("secret-name", "by=7", secret);
    }
}
