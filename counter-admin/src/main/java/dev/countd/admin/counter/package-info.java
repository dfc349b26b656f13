/** The counter pages: search and paging, creation, one counter with its history chart and change forms, deletion. */
package dev.countd.admin.counter;
