/** Private tracking links: a random token per link, kept only as its SHA-256 hash, bound to one package. */
package dev.doorstep.tracking.links;
