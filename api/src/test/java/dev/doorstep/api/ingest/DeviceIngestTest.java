package dev.doorstep.api.ingest;

import dev.doorstep.api.support.ApiIntegrationTest;
import dev.doorstep.api.support.Fleet;
import org.junit.jupiter.api.BeforeEach;

/** Each test starts with a new driver of a new station and a device key registered by that driver. */
abstract class DeviceIngestTest extends ApiIntegrationTest {

    protected DeviceFixture device;

    @BeforeEach
    void registerDevice() {
        String ops = opsToken();
        String driver = Fleet.driver(http, ops, null, createStation(ops));
        device = DeviceFixture.register(http, ops, driver, token(driver, "DRIVER"));
    }
}
