package org.neuromod.session.jdbc;

/** The SQL of sessions and trials on embedded H2, with two statements in a transaction per write. */
class JdbcSessionRepositoryOnH2Test extends JdbcSessionRepositoryTest {}
