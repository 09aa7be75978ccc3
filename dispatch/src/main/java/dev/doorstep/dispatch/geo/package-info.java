/** All geometry lives here: positions, GeoJSON polygons (JTS) and geodesic distance (GeographicLib). */
package dev.doorstep.dispatch.geo;
