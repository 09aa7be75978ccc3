/** Flex blocks: station ops create them, Flex drivers see offers, claim, forfeit and check in. */
package dev.doorstep.dispatch.blocks;
