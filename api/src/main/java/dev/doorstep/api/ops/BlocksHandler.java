package dev.doorstep.api.ops;

import dev.doorstep.dispatch.blocks.Block;
import dev.doorstep.dispatch.blocks.BlockDraft;
import dev.doorstep.dispatch.blocks.Blocks;
import dev.doorstep.dispatch.blocks.MyBlocks;
import dev.doorstep.dispatch.blocks.Standing;
import dev.doorstep.dispatch.paging.Page;
import jakarta.validation.Valid;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Flex blocks of a station, and a Flex driver's standing, for station operations. */
@RestController
class BlocksHandler {

    private final Blocks blocks;
    private final MyBlocks myBlocks;

    BlocksHandler(Blocks blocks, MyBlocks myBlocks) {
        this.blocks = blocks;
        this.myBlocks = myBlocks;
    }

    @PostMapping("/v1/stations/{id}/blocks")
    Mono<ResponseEntity<CreatedBlocks>> create(@PathVariable String id, @Valid @RequestBody BlockDraft draft) {
        return blocks.create(id, draft).map(created -> ResponseEntity
                .created(URI.create("/v1/stations/" + id + "/blocks/" + created.get(0).id()))
                .body(new CreatedBlocks(created)));
    }

    @GetMapping("/v1/stations/{id}/blocks")
    Mono<Page<Block>> list(@PathVariable String id, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT) int limit) {
        return blocks.list(id, Paging.of(after, limit));
    }

    @GetMapping("/v1/stations/{id}/blocks/{blockId}")
    Mono<Block> get(@PathVariable String id, @PathVariable String blockId) {
        return blocks.get(id, blockId);
    }

    @PostMapping("/v1/stations/{id}/blocks/{blockId}/cancel")
    Mono<Block> cancel(@PathVariable String id, @PathVariable String blockId) {
        return blocks.cancel(id, blockId);
    }

    @GetMapping("/v1/drivers/{id}/standing")
    Mono<Standing> standing(@PathVariable String id) {
        return myBlocks.standing(id);
    }

    /** The blocks one create made, in order. */
    record CreatedBlocks(List<Block> items) {
    }
}
