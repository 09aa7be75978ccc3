/**
 * Exceptions on DSP routes for the dispatcher's live panel: a periodic check reads the routes in progress (dispatch)
 * and the drivers' live positions and trails (tracking.live), opens and clears rows, and fans each change out to
 * every node through Redis pub/sub. Facade: {@link dev.doorstep.tracking.exceptions.RouteExceptions}.
 */
package dev.doorstep.tracking.exceptions;
