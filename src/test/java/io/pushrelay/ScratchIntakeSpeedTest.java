package io.pushrelay;

import java.sql.*;
import java.util.*;
import javax.sql.DataSource;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.support.GatewayTest;
import org.junit.jupiter.api.Test;

class ScratchIntakeSpeedTest extends GatewayTest {
    @Test
    void scratch() throws Exception {
        for (String r : List.of("deliver-adm", "deliver-fcm", "deliver-alexa", "intake")) gateway.context().getRouteController().stopRoute(r);
        int n = 20000;
        var pool = io.pushrelay.broker.BrokerConfiguration.pooled(io.pushrelay.broker.EmbeddedBroker.IN_VM_URL, "", "");
        try (var c = pool.createConnection()) {
            var s = c.createSession(true, jakarta.jms.Session.SESSION_TRANSACTED);
            var p = s.createProducer(s.createQueue("push.requests"));
            for (int i = 0; i < n; i++) {
                p.send(s.createTextMessage("{\"RequestId\":\"speed-" + i + "\",\"Addresses\":{\"amzn1.adm-registration.v3.Speed" + i + "\":{\"ChannelType\":\"ADM\"}},\"MessageConfiguration\":{\"DefaultPushNotificationMessage\":{\"Body\":\"b\"}}}"));
                if (i % 100 == 99) s.commit();
            }
            s.commit();
        }
        DataSource db = gateway.context().getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        long t0 = System.nanoTime();
        gateway.context().getRouteController().startRoute("intake");
        int rows = 0;
        while (rows < n && System.nanoTime() - t0 < 60_000_000_000L) {
            try (Connection c = db.getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT received_at) FROM push_request WHERE request_id LIKE 'speed-%'")) {
                rs.next(); rows = rs.getInt(1);
                if (rows >= n) System.out.println("SCRATCH batches=" + rs.getInt(2));
            }
            Thread.sleep(20);
        }
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.println("SCRATCH intake " + rows + " in " + s + " s = " + (rows / s) + "/s");
    }
}
