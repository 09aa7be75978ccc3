/** RFC 9457 problem details: every error response is made here. */
package dev.doorstep.api.problems;
