package dev.doorstep.tracking.links;

/** Where customers open a link: the app's public URL of the tracking page of a token (the api module knows it). */
public interface TrackingPages {

    String url(String token);
}
