/**
 * The HTML report of one or more run directories ({@code dropclass report}): {@link
 * io.dropclass.report.RunData} reads what a run wrote (manifest, history, metrics, analysis),
 * {@link io.dropclass.report.ReportBuilder} lays out one self-contained page (charts embedded as
 * PNG data URIs), with a section per run and, for several methods, the comparison and the
 * explanation of what DropClass changes. Pure Java: no engine, no network.
 */
package io.dropclass.report;
