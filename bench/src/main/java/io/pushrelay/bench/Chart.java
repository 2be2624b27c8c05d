package io.pushrelay.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/**
 * The benchmark's chart: throughput (left) and p99 latency (right) of each scenario, grouped by provider latency.
 * Drawn with the JDK's own Java 2D, headless, so the benchmark needs no plotting library.
 */
final class Chart {

    private record Series(String label, Scenario scenario, Color color, ToDoubleFunction<Figures> value) {
    }

    private static final int PANEL_WIDTH = 560;
    private static final int HEIGHT = 420;
    private static final int MARGIN = 60;

    private Chart() {
    }

    static void write(List<Figures> figures, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        List<Integer> latencies = figures.stream().map(Figures::providerLatencyMs).distinct().sorted().toList();
        panel(g, 0, "notifications per second", latencies, figures, List.of(
                new Series("limit (bare client)", Scenario.LIMIT, new Color(0x9E9E9E), Figures::perSecond),
                new Series("SDK at its defaults (FCM)", Scenario.SDK_AT_DEFAULTS, new Color(0xF4B400), Figures::perSecond),
                new Series("SDK, gateway's threads (FCM)", Scenario.SDK_AT_GATEWAY_CONCURRENCY, new Color(0xFFE082),
                        Figures::perSecond),
                new Series("gateway, all providers", Scenario.GATEWAY, new Color(0x1565C0), Figures::perSecond),
                new Series("gateway, its FCM share", Scenario.GATEWAY, new Color(0x64B5F6), Figures::fcmPerSecond),
                new Series("gateway, small requests", Scenario.SMALL_REQUESTS, new Color(0x2E7D32), Figures::perSecond)));
        panel(g, PANEL_WIDTH, "p99 latency, ms", latencies, figures, List.of(
                new Series("limit: call to answer", Scenario.LIMIT, new Color(0x9E9E9E), f -> f.latencyMs().p99()),
                new Series("gateway at half rate: enqueue to provider", Scenario.SMALL_AT_HALF_RATE, new Color(0x1565C0),
                        f -> f.latencyMs().p99())));
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static void panel(Graphics2D g, int left, String title, List<Integer> latencies, List<Figures> figures,
            List<Series> series) {
        double max = 1;
        for (Series s : series) {
            for (int latency : latencies) {
                max = Math.max(max, Ratios.find(figures, s.scenario(), latency).map(f -> s.value().applyAsDouble(f)).orElse(0.0));
            }
        }
        max = niceCeiling(max);
        int x0 = left + MARGIN;
        int y0 = HEIGHT - MARGIN;
        int width = PANEL_WIDTH - 2 * MARGIN;
        int height = HEIGHT - 2 * MARGIN - 40;
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, x0, MARGIN - 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int tick = 0; tick <= 4; tick++) {
            int y = y0 - height * tick / 4;
            g.setColor(new Color(0xE0E0E0));
            g.drawLine(x0, y, x0 + width, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,.0f", max * tick / 4), left + 5, y + 4);
        }
        int group = width / Math.max(1, latencies.size());
        int bar = Math.max(4, (group - 30) / series.size());
        for (int i = 0; i < latencies.size(); i++) {
            int gx = x0 + i * group + 15;
            for (int j = 0; j < series.size(); j++) {
                Series s = series.get(j);
                double value = Ratios.find(figures, s.scenario(), latencies.get(i)).map(f -> s.value().applyAsDouble(f)).orElse(0.0);
                int h = (int) Math.round(height * value / max);
                g.setColor(s.color());
                g.fillRect(gx + j * bar, y0 - h, bar - 3, h);
            }
            g.setColor(Color.BLACK);
            g.drawString("provider latency " + latencies.get(i) + " ms", gx, y0 + 16);
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(x0, y0, x0 + width, y0);
        int ly = y0 + 30;
        for (int j = 0; j < series.size(); j++) {
            int lx = x0 + (j % 2) * (width / 2);
            int row = ly + (j / 2) * 14;
            g.setColor(series.get(j).color());
            g.fillRect(lx, row - 9, 10, 10);
            g.setColor(Color.BLACK);
            g.drawString(series.get(j).label(), lx + 14, row);
        }
    }

    /** 1, 2 or 5 times a power of ten, at or above {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
