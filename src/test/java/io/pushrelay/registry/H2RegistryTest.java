package io.pushrelay.registry;

import io.pushrelay.support.TestDatabases;
import io.pushrelay.support.TestDatabases.TestDatabase;

class H2RegistryTest extends RegistryContract {

    @Override
    TestDatabase database() {
        return TestDatabases.h2();
    }
}
