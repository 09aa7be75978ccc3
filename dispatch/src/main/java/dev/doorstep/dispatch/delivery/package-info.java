/** Proof of delivery: what happened at the door (attempts per package, photos, flags) and who may see it. */
package dev.doorstep.dispatch.delivery;
