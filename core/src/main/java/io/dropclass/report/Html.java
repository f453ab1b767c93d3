package io.dropclass.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Locale;
import javax.imageio.ImageIO;

/** HTML text helpers: escaping, number formatting and embedded PNG images. */
final class Html {

    private Html() {}

    /** Escapes text for element content and double-quoted attribute values; null reads "". */
    static String esc(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A fraction as a percentage with two decimals ("81.82"), "n/a" when not finite. */
    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f", 100 * fraction)
                : "n/a";
    }

    /** Mean ± std as percentages; just the mean when std is not finite (a single seed). */
    static String percent(double mean, double std) {
        if (!Double.isFinite(mean)) {
            return "n/a";
        }
        return Double.isFinite(std) ? percent(mean) + " ± " + percent(std) : percent(mean);
    }

    /** A signed difference of fractions in percentage points ("+1.25", "-0.40"). */
    static String signedPoints(double delta) {
        return Double.isFinite(delta) ? String.format(Locale.ROOT, "%+.2f", 100 * delta) : "n/a";
    }

    /** PNG bytes of an image. */
    static byte[] png(BufferedImage image) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, "png", out)) {
                throw new IllegalStateException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An img element with the PNG embedded as a data URI. */
    static String img(byte[] png, String alt) {
        return "<img alt=\"" + esc(alt) + "\" src=\"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\">";
    }

    /** An img element for a chart. */
    static String img(BufferedImage image, String alt) {
        return img(png(image), alt);
    }

    /** The page's style sheet, inline. */
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;
            max-width:1180px;margin:0 auto;padding:16px;color:#222;line-height:1.4}
            h1{font-size:1.6em;margin-bottom:4px}h2{border-bottom:2px solid #ddd;padding-bottom:4px;
            margin-top:32px}h3{margin-top:24px}
            table{border-collapse:collapse;margin:8px 0;font-size:0.92em}
            th,td{border:1px solid #ddd;padding:4px 8px;text-align:right;vertical-align:top}
            th{background:#f3f3f3}td.name,th.name{text-align:left}
            .delta-better{color:#0a7a2a;font-weight:600}.delta-worse{color:#c0221b;font-weight:600}
            .delta-noise{color:#888}
            .status{display:inline-block;padding:1px 8px;border-radius:10px;font-size:0.85em;
            font-weight:600}.status-finished{background:#dff3e3;color:#0a6a22}
            .status-other{background:#fde2e1;color:#a01a12}
            .rare{background:#fff7e0}
            .charts{display:flex;flex-wrap:wrap;gap:8px}
            .charts img,.panels img{max-width:100%;border:1px solid #eee}
            .panels{display:flex;flex-direction:column;gap:6px}
            .note{color:#555;font-size:0.92em}
            pre{background:#f7f7f7;padding:8px;overflow:auto;max-height:480px;font-size:0.85em}
            details{margin:8px 0}summary{cursor:pointer;color:#244c8a}
            section.run{border-top:1px solid #ccc;margin-top:28px}
            """;
}
