package io.calbridge.sync.push.application;

import io.calbridge.service.tenants.TenantRegistry;
import io.calbridge.sync.calendar.application.CalendarItems;
import io.calbridge.sync.calendar.application.Mailboxes;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the push use case; its adapters are scanned components. */
@Configuration(proxyBeanMethods = false)
public class PushConfiguration {

    @Bean
    ApplyPush applyPush(TenantRegistry tenants, Mailboxes mailboxes, PushedEvents pushed, PushCalendar calendar,
                        CalendarItems items, Clock clock) {
        return new ApplyPush(tenants, mailboxes, pushed, calendar, items, clock);
    }
}
