package dev.countd.api.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(RequestLog.LOGGER);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    RequestLogTest() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(appender);
    }

    @Test
    void logsRouteMethodStatusLatencyAndKeyIdAsMessageAndFields() {
        new RequestLog().accept(new CompletedRequest("/counters/{name}/increment", "POST", 409, 2_500_000, "key-7"));

        assertThat(appender.list).hasSize(1);
        ILoggingEvent event = appender.list.get(0);
        assertThat(event.getFormattedMessage()).isEqualTo("POST /counters/{name}/increment 409 2.500ms key=key-7");
        assertThat(event.getMDCPropertyMap()).containsEntry("route", "/counters/{name}/increment")
                .containsEntry("status", "409").containsEntry("latencyMs", "2.500").containsEntry("keyId", "key-7");
    }

    @Test
    void leavesNoFieldsBehindInTheThreadsMdc() {
        new RequestLog().accept(new CompletedRequest("/counters", "GET", 200, 1, "-"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void latencyIsWrittenAsMillisecondsWithThreeDecimals() {
        assertThat(RequestLog.millis(0)).isEqualTo("0.000");
        assertThat(RequestLog.millis(999)).isEqualTo("0.000");
        assertThat(RequestLog.millis(1_234_567)).isEqualTo("1.234");
        assertThat(RequestLog.millis(5_050_000)).isEqualTo("5.050");
        assertThat(RequestLog.millis(7_000_000)).isEqualTo("7.000");
        assertThat(RequestLog.millis(12_000_009_000L)).isEqualTo("12000.009");
    }
}
