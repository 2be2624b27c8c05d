package io.pushrelay.registry;

import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;

class PostgresRegistryTest extends RegistryContract {

    @Override
    TestDatabase database() throws Exception {
        return TestDatabases.postgres();
    }
}
