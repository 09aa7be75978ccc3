package dev.doorstep.notifications.push;

import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutureCallback;
import com.google.api.core.ApiFutures;
import com.google.common.util.concurrent.MoreExecutors;
import com.google.firebase.IncomingHttpResponse;
import com.google.firebase.messaging.AndroidConfig;
import com.google.firebase.messaging.AndroidNotification;
import com.google.firebase.messaging.ApnsConfig;
import com.google.firebase.messaging.Aps;
import com.google.firebase.messaging.BatchResponse;
import com.google.firebase.messaging.FirebaseMessaging;
import com.google.firebase.messaging.FirebaseMessagingException;
import com.google.firebase.messaging.Message;
import com.google.firebase.messaging.MessagingErrorCode;
import com.google.firebase.messaging.Notification;
import com.google.firebase.messaging.WebpushConfig;
import com.google.firebase.messaging.WebpushFcmOptions;
import com.google.firebase.messaging.SendResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends pushes with the Firebase Admin SDK ({@code sendEachAsync}, at most 500 messages a call, the calls of one
 * send at once; the SDK's own thread pool does the blocking HTTP), or, without a {@link FirebaseMessaging} (no credentials configured),
 * writes what it would send to the log. The SDK itself retries 500 and 503 a few times honouring
 * Retry-After; what it still reports as 429, 500 or 503 comes back here as {@link SendOutcome.Kind#RETRY}.
 */
@Component
class FcmSender {

    static final int MAX_PER_CALL = 500;
    private static final Logger log = LoggerFactory.getLogger(FcmSender.class);

    private final FirebaseMessaging messaging;
    /** Whether a call has been submitted to the SDK already, so that it has loaded what it needs. */
    private volatile boolean submittedOnce;

    FcmSender(ObjectProvider<FirebaseMessaging> messaging) {
        this.messaging = messaging.getIfAvailable();
        if (this.messaging == null) {
            log.warn("FCM is in log-only mode: no doorstep.notifications.fcm.credentials-file is configured, "
                    + "so pushes are written to the log and nothing is sent to Google");
        } else {
            log.info("FCM is configured: pushes are sent to Firebase Cloud Messaging");
        }
    }

    boolean logOnly() {
        return messaging == null;
    }

    /** One outcome per push, in the same order. */
    Mono<List<SendOutcome>> send(List<Push> pushes) {
        if (pushes.isEmpty()) {
            return Mono.just(List.of());
        }
        if (messaging == null) {
            pushes.forEach(p -> log.info("Would push to {}: \"{}\" / \"{}\" data={}", abbreviated(p.token()),
                    p.title(), p.body(), p.data()));
            return Mono.just(pushes.stream().map(p -> SendOutcome.logged()).toList());
        }
        List<List<Push>> chunks = new ArrayList<>();
        for (int from = 0; from < pushes.size(); from += MAX_PER_CALL) {
            chunks.add(pushes.subList(from, Math.min(pushes.size(), from + MAX_PER_CALL)));
        }
        // Chunks at once: the SDK sends each message of a sendEach as a task of its own thread pool, so no thread of
        // ours waits for them (sendEachAsync), and a chunk does not wait for the one before it.
        return Flux.fromIterable(chunks)
                .flatMapSequential(this::sendEach, chunks.size())
                .flatMapIterable(outcomes -> outcomes)
                .collectList();
    }

    private Mono<List<SendOutcome>> sendEach(List<Push> chunk) {
        Mono<BatchResponse> sent = Mono.<BatchResponse>create(sink -> {
            List<Message> messages = chunk.stream().map(FcmSender::message).toList();
            ApiFuture<BatchResponse> response = messaging.sendEachAsync(messages);
            submittedOnce = true;
            ApiFutures.addCallback(response, new ApiFutureCallback<>() {
                @Override
                public void onSuccess(BatchResponse batch) {
                    sink.success(batch);
                }

                @Override
                public void onFailure(Throwable failure) {
                    sink.error(failure);
                }
            }, MoreExecutors.directExecutor());
        });
        // The SDK's first call may block briefly (it loads its classes and version file): not on an event loop. Once
        // one call has been submitted, submitting only queues tasks on the SDK's pool, so it is done where the caller
        // runs, without a hop to another thread for every send.
        Mono<BatchResponse> submitted = submittedOnce ? sent : sent.subscribeOn(Schedulers.boundedElastic());
        return submitted
                .map(batch -> {
                    List<SendOutcome> outcomes = new ArrayList<>(chunk.size());
                    for (SendResponse response : batch.getResponses()) {
                        outcomes.add(response.isSuccessful() ? SendOutcome.accepted(response.getMessageId())
                                : outcome(response.getException()));
                    }
                    return outcomes;
                })
                .onErrorResume(FcmSender::wholeCall, e -> {
                    // The whole call failed (such as credentials refused): every message shares the outcome.
                    SendOutcome outcome = outcome(wholeCallFailure(e));
                    return Mono.just(chunk.stream().map(p -> outcome).toList());
                });
    }

    private static boolean wholeCall(Throwable e) {
        return wholeCallFailure(e) != null;
    }

    private static FirebaseMessagingException wholeCallFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof FirebaseMessagingException fcm) {
                return fcm;
            }
        }
        return null;
    }

    static Message message(Push push) {
        Message.Builder message = Message.builder()
                .setToken(push.token())
                .setNotification(Notification.builder().setTitle(push.title()).setBody(push.body()).build())
                .putAllData(push.data());
        String link = clickLink(push);
        String once = collapseId(push);
        WebpushConfig.Builder web = WebpushConfig.builder();
        if (link != null) {
            web.setFcmOptions(WebpushFcmOptions.withLink(link));
        }
        if (once != null) {
            // A push FCM accepted twice (its first answer lost on the way back, so it was sent again) shows once:
            // the same event's notification replaces itself on Android (tag), iOS (apns-collapse-id) and, before
            // delivery, at the browser's push service (Topic).
            message.setAndroidConfig(AndroidConfig.builder()
                    .setNotification(AndroidNotification.builder().setTag(once).build()).build());
            message.setApnsConfig(ApnsConfig.builder().putHeader("apns-collapse-id", once)
                    .setAps(Aps.builder().build()).build());
            web.putHeader("Topic", once);
        }
        if (link != null || once != null) {
            message.setWebpushConfig(web.build());
        }
        return message.build();
    }

    /**
     * {@code doorstep-<event id>}: the same for every send of one event's push, different between events. It fits
     * every platform's limits (Web Push's Topic: at most 32 characters of the URL-safe Base64 alphabet).
     */
    static String collapseId(Push push) {
        String event = push.data().get("eventId");
        return event == null || !event.matches("[0-9]{1,20}") ? null : "doorstep-" + event;
    }

    /** The page a click on the web notification opens: the tracking page, when HTTPS (FCM takes no other). */
    static String clickLink(Push push) {
        String page = push.data().get("trackingUrl");
        return page != null && page.startsWith("https://") ? page : null;
    }

    static SendOutcome outcome(FirebaseMessagingException e) {
        MessagingErrorCode code = e.getMessagingErrorCode();
        IncomingHttpResponse response = e.getHttpResponse();
        int status = response == null ? 0 : response.getStatusCode();
        String error = (code != null ? code.name() : e.getErrorCode().name()) + ": " + e.getMessage();
        if (code == MessagingErrorCode.UNREGISTERED || code == MessagingErrorCode.INVALID_ARGUMENT && namesToken(e)) {
            return SendOutcome.of(SendOutcome.Kind.TOKEN_GONE, error, null);
        }
        boolean transientStatus = status == 429 || status == 500 || status == 503;
        boolean transientCode = code == MessagingErrorCode.QUOTA_EXCEEDED || code == MessagingErrorCode.UNAVAILABLE
                || code == MessagingErrorCode.INTERNAL;
        if (transientStatus || transientCode || response == null && code == null) {
            // No HTTP response at all is a network failure, as transient as a 503.
            return SendOutcome.of(SendOutcome.Kind.RETRY, error, retryAfter(response));
        }
        return SendOutcome.of(SendOutcome.Kind.FAILED, error, null);
    }

    private static boolean namesToken(FirebaseMessagingException e) {
        String text = (e.getMessage() + " " + (e.getHttpResponse() == null ? "" : e.getHttpResponse().getContent()))
                .toLowerCase(Locale.ROOT);
        return text.contains("registration token") || text.contains("message.token");
    }

    /** Retry-After in seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(IncomingHttpResponse response) {
        if (response == null) {
            return null;
        }
        String value = null;
        for (Map.Entry<String, Object> header : response.getHeaders().entrySet()) {
            if ("retry-after".equalsIgnoreCase(header.getKey())) {
                Object v = header.getValue();
                value = v instanceof List<?> list ? (list.isEmpty() ? null : String.valueOf(list.get(0)))
                        : String.valueOf(v);
            }
        }
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration until = Duration.between(ZonedDateTime.now(),
                        ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME));
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    private static String abbreviated(String token) {
        return token.length() <= 12 ? token : token.substring(0, 12) + "…";
    }
}
