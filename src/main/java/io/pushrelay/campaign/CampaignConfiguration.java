package io.pushrelay.campaign;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.pushrelay.config.Settings;
import io.pushrelay.database.DatabaseConfiguration;
import io.pushrelay.message.Json;
import io.pushrelay.message.RejectedRequest;
import io.pushrelay.registry.GroupRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.component.quartz.QuartzComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns: Quartz (a clustered JDBC job store on PostgreSQL, in memory on H2), the campaign beans, and at start the
 * stored campaigns scheduled and the files in {@code pushrelay.campaign.dir} loaded; then, every
 * {@code pushrelay.campaign.sync-interval}, what other gateways changed is taken over.
 */
public class CampaignConfiguration implements CamelConfiguration {

    public static final String OUTCOMES_QUEUE = "push.campaign-outcomes";
    private static final Logger LOG = LoggerFactory.getLogger(CampaignConfiguration.class);

    @Override
    public void configure(CamelContext context) throws Exception {
        Settings settings = context.getRegistry().findSingleByType(Settings.class);
        DataSource dataSource = context.getRegistry().lookupByNameAndType(DatabaseConfiguration.DATA_SOURCE, DataSource.class);
        QuartzComponent quartz = context.getComponent("quartz", QuartzComponent.class);
        quartz.setProperties(quartzProperties(settings));
        quartz.setPrefixInstanceName(false);
        quartz.setEnableJmx(false);
        // started once every campaign's route exists: a misfired time handled at start must find its route
        quartz.setAutoStartScheduler(false);

        Clock clock = Clock.systemUTC();
        CampaignStore store = new CampaignStore(dataSource, clock);
        int misfire = settings.get("pushrelay.campaign.misfire").equals("skip") ? 2 : 1;
        CampaignScheduler scheduler = new CampaignScheduler(context, misfire);
        CampaignFiring firing = new CampaignFiring(store, clock);
        CampaignOperations operations = new CampaignOperations(store,
                context.getRegistry().lookupByNameAndType("groupRegistry", GroupRegistry.class), scheduler, firing, clock);
        context.getRegistry().bind("campaignFiring", firing);
        context.getRegistry().bind("campaignOperations", operations);
        context.getRegistry().bind("campaignRuns", new CampaignRuns(store));
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
                // campaigns are scheduled once every route runs: see onCamelContextFullyStarted
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                scheduler.sync(store.all());
                load(operations, settings.path("pushrelay.campaign.dir"));
                quartz.getScheduler().start();
                long every = settings.duration("pushrelay.campaign.sync-interval").toMillis();
                ScheduledExecutorService sync = started.getExecutorServiceManager()
                        .newSingleThreadScheduledExecutor(scheduler, "pushrelay-campaign-sync");
                sync.scheduleWithFixedDelay(() -> {
                    try {
                        scheduler.sync(store.all());
                    } catch (Exception e) {
                        LOG.warn("Could not bring the campaigns up to date: {}", e.getMessage());
                    }
                }, every, every, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Campaign files (the shape of an upsert) from the campaign directory; a bad one is logged, not fatal. */
    static void load(CampaignOperations operations, Path dir) throws Exception {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    Campaign campaign = operations.upsert(Json.read(Files.readString(file), Campaign.class));
                    LOG.info("Loaded campaign {} from {}", campaign.campaignId(), file);
                } catch (RejectedRequest | IllegalArgumentException e) {
                    LOG.error("Campaign file {} was not loaded: {}", file, e.getMessage());
                }
            }
        }
    }

    static Properties quartzProperties(Settings settings) {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "pushrelay");
        p.put("org.quartz.scheduler.instanceId", "AUTO");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "2");
        p.put("org.quartz.jobStore.misfireThreshold", String.valueOf(settings.duration("pushrelay.campaign.misfire-threshold").toMillis()));
        if (settings.isH2()) {
            p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
            return p;
        }
        p.put("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
        p.put("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
        p.put("org.quartz.jobStore.tablePrefix", "QRTZ_");
        p.put("org.quartz.jobStore.isClustered", "true");
        p.put("org.quartz.jobStore.clusterCheckinInterval",
                String.valueOf(settings.duration("pushrelay.campaign.cluster-checkin-interval").toMillis()));
        p.put("org.quartz.jobStore.dataSource", "pushrelay");
        p.put("org.quartz.dataSource.pushrelay.provider", "hikaricp");
        p.put("org.quartz.dataSource.pushrelay.driver", "org.postgresql.Driver");
        p.put("org.quartz.dataSource.pushrelay.URL", settings.get("pushrelay.db.url"));
        p.put("org.quartz.dataSource.pushrelay.user", settings.get("pushrelay.db.user"));
        p.put("org.quartz.dataSource.pushrelay.password", settings.get("pushrelay.db.password"));
        p.put("org.quartz.dataSource.pushrelay.maxConnections", "4");
        return p;
    }
}
