package org.neuromod.session.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.JdbcTransactionObjectSupport;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Commits that survive {@code kill -9} on the embedded H2 database without letting its file grow
 * without bound.
 *
 * <p>H2's own way, {@code WRITE_DELAY=0}, writes every commit to the file but also stops H2's
 * background writer, which is what reclaims the space of old chunks: the file then grows by tens
 * of kilobytes per trial (a gigabyte within minutes under load) and every commit gets slower (H2
 * issue 442). Here H2 keeps its background writer ({@code WRITE_DELAY} above 0, {@code
 * RETENTION_TIME=0} in {@code application.yml}) and the transaction manager itself writes the
 * store after every commit, before the answer leaves the service. On PostgreSQL it is the plain
 * JDBC transaction manager: PostgreSQL's commit is durable by itself.
 */
@Configuration(proxyBeanMethods = false)
class DurableCommits {

    @Bean
    JdbcTransactionManager transactionManager(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isWrapperFor(JdbcConnection.class)
                    ? new StoreWritingTransactionManager(dataSource)
                    : new JdbcTransactionManager(dataSource);
        }
    }

    /** Writes H2's store to its file after every commit; the write is synchronous. */
    static final class StoreWritingTransactionManager extends JdbcTransactionManager {

        StoreWritingTransactionManager(DataSource dataSource) {
            super(dataSource);
        }

        @Override
        protected void doCommit(DefaultTransactionStatus status) {
            super.doCommit(status);
            Connection connection = ((JdbcTransactionObjectSupport) status.getTransaction())
                    .getConnectionHolder()
                    .getConnection();
            try {
                // looked up per commit: H2 reopens its store if the pool ever closes every connection
                var session =
                        (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
                session.getDatabase().getStore().getMvStore().commit();
            } catch (SQLException e) {
                throw new TransactionSystemException("could not write the committed transaction to the H2 file", e);
            }
        }
    }
}
