/** Running a published route: DSP assignment of driver and van, then start, stop arrivals and finish. */
package dev.doorstep.dispatch.routes;
