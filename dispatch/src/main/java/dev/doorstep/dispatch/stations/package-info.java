/** The station registry: name, address, location, time zone and geofence of each delivery station. */
package dev.doorstep.dispatch.stations;
