package dev.doorstep.api.driver;

import dev.doorstep.dispatch.blocks.Block;
import dev.doorstep.dispatch.blocks.BlockRoute;
import dev.doorstep.dispatch.blocks.CheckIn;
import dev.doorstep.dispatch.blocks.CheckIns;
import dev.doorstep.dispatch.blocks.MyBlocks;
import dev.doorstep.dispatch.blocks.Standing;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A Flex driver's own blocks: list, forfeit, check in, the block's route, standing. */
@RestController
class MyBlocksHandler {

    private final MyBlocks myBlocks;
    private final CheckIns checkIns;

    MyBlocksHandler(MyBlocks myBlocks, CheckIns checkIns) {
        this.myBlocks = myBlocks;
        this.checkIns = checkIns;
    }

    @GetMapping("/v1/driver/blocks")
    Mono<BlockList> list(@AuthenticationPrincipal Jwt token) {
        return myBlocks.list(token.getSubject()).map(BlockList::new);
    }

    @PostMapping("/v1/driver/blocks/{id}/forfeit")
    Mono<Block> forfeit(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return myBlocks.forfeit(id, token.getSubject());
    }

    @PostMapping("/v1/driver/blocks/{id}/check-in")
    Mono<Block> checkIn(@AuthenticationPrincipal Jwt token, @PathVariable String id,
            @Valid @RequestBody CheckIn position) {
        return checkIns.checkIn(id, token.getSubject(), position);
    }

    @GetMapping("/v1/driver/blocks/{id}/route")
    Mono<BlockRoute> route(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return checkIns.route(id, token.getSubject());
    }

    @GetMapping("/v1/driver/standing")
    Mono<Standing> standing(@AuthenticationPrincipal Jwt token) {
        return myBlocks.standing(token.getSubject());
    }

    /** The driver's blocks, upcoming and of the last 30 days, by start. */
    record BlockList(List<Block> items) {
    }
}
