package dev.doorstep.dispatch.ids;

import org.springframework.stereotype.Component;

/** Seeds the id generator while the app starts, so that the first id never reads /dev/urandom on an event loop. */
@Component
class IdsSeeding {

    IdsSeeding() {
        Ids.randomBytes(new byte[1]);
    }
}
