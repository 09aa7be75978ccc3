/** Push texts per locale (English and Spanish so far), with times in the station's time zone. */
package dev.doorstep.notifications.templates;
