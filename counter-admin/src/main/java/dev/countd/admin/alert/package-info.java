/** The alerts pages: threshold rules, their webhook deliveries and redelivery, over {@link dev.countd.admin.alert.AlertsSource}. */
package dev.countd.admin.alert;
