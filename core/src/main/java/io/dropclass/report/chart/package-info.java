/** Charts drawn with Java2D into PNG images: no chart library, readable offline. */
package io.dropclass.report.chart;
