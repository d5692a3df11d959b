package org.neuromod.experiment;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.neuromod.core.experiment.AgentResult;
import org.neuromod.core.experiment.Curve;
import org.neuromod.core.experiment.ExperimentResult;

/** The experiment's figures as PNG, drawn headless with JFreeChart. */
final class Charts {

    /** Distinguishable colours (Tableau 10), one per agent in experiment order, the same in every figure. */
    private static final Color[] PALETTE = {
        new Color(0x4E79A7),
        new Color(0xF28E2B),
        new Color(0xE15759),
        new Color(0x76B7B2),
        new Color(0x59A14F),
        new Color(0xEDC948),
        new Color(0xB07AA1),
        new Color(0xFF9DA7),
        new Color(0x9C755F),
        new Color(0xBAB0AC)
    };

    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private Charts() {}

    /** Mean expected regret per trial over the run, one line per agent. */
    static void regret(ExperimentResult result, Path file) throws IOException {
        var series = new XYSeriesCollection();
        var colours = new ArrayList<Color>();
        for (int a = 0; a < result.results().size(); a++) {
            AgentResult agent = result.results().get(a);
            series.addSeries(line(
                    agent.label(),
                    agent.regretCurve().binStarts(),
                    agent.regretCurve().regret()));
            colours.add(PALETTE[a % PALETTE.length]);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "Expected regret per trial (mean over " + result.experiment().seeds() + " seeds)",
                "trial",
                "regret per trial",
                series,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        save(chart, colours, file);
    }

    /**
     * A signal averaged around context changes, one line per agent that has it; a vertical line
     * marks the change.
     */
    static void switchAligned(
            ExperimentResult result, String signal, Function<AgentResult, Curve> curve, boolean logarithmic, Path file)
            throws IOException {
        var series = new XYSeriesCollection();
        var colours = new ArrayList<Color>();
        for (int a = 0; a < result.results().size(); a++) {
            AgentResult agent = result.results().get(a);
            Curve values = curve.apply(agent);
            if (!values.undefined()) {
                series.addSeries(line(agent.label(), agent.switchAligned().offsets(), values));
                colours.add(PALETTE[a % PALETTE.length]);
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                signal + " around context changes (mean over "
                        + result.experiment().seeds() + " seeds)",
                "trials since the context changed",
                signal,
                series,
                PlotOrientation.VERTICAL,
                true,
                false,
                false);
        XYPlot plot = chart.getXYPlot();
        if (logarithmic) {
            // Temperatures span orders of magnitude between agents; whole decades keep them legible.
            var axis = new LogarithmicAxis(signal + " (log scale)");
            axis.setStrictValuesFlag(false);
            axis.setAutoRangeNextLogFlag(true);
            plot.setRangeAxis(axis);
        }
        plot.addDomainMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
        save(chart, colours, file);
    }

    private static XYSeries line(String label, int[] x, Curve curve) {
        var series = new XYSeries(label, false, true);
        double[] mean = curve.mean();
        for (int i = 0; i < x.length; i++) {
            if (Double.isFinite(mean[i])) {
                series.add(x[i], mean[i]);
            }
        }
        return series;
    }

    private static void save(JFreeChart chart, List<Color> colours, Path file) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        var renderer = new XYLineAndShapeRenderer(true, false);
        for (int i = 0; i < plot.getDataset().getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, new BasicStroke(1.6f));
            renderer.setSeriesPaint(i, colours.get(i));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
    }
}
