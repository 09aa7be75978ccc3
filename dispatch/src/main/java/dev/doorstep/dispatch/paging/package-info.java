/** Keyset paging shared by every list. */
package dev.doorstep.dispatch.paging;
