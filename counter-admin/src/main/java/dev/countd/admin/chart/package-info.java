/** Server-side SVG charts: layout of axes, ticks and series for the dashboard's templates. */
package dev.countd.admin.chart;
