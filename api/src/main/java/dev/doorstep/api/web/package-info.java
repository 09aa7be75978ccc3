/** Cross-cutting web concerns: request ids and logs, codec limits, the served contract. */
package dev.doorstep.api.web;
