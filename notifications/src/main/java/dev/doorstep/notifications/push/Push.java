package dev.doorstep.notifications.push;

import java.util.Map;

/** One message to one device token. */
record Push(String token, String title, String body, Map<String, String> data) {
}
