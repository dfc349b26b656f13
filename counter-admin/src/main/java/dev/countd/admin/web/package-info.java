/** Shared dashboard plumbing: Thymeleaf rendering, the session/CSRF guard, security headers, the stylesheet. */
package dev.countd.admin.web;
