package io.calbridge.roombooking.booking.adapter.out.persistence;

import io.calbridge.roombooking.booking.application.Transactions;
import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** {@link Transactions} on Spring's transaction manager (the service's one DataSource). */
@Component
public class JdbcTransactions implements Transactions {

    private final TransactionTemplate template;

    public JdbcTransactions(PlatformTransactionManager manager) {
        this.template = new TransactionTemplate(manager);
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return template.execute(status -> work.get());
    }
}
