package dev.doorstep.api.security;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/** Who is calling, read from the verified token: every object check starts here. */
public record Caller(String subject, Set<Role> roles, String dspId) {

    public static Caller of(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        List<String> claimed = jwt.getClaimAsStringList("roles");
        if (claimed != null) {
            for (String role : claimed) {
                for (Role known : Role.values()) {
                    if (known.name().equals(role)) {
                        roles.add(known);
                    }
                }
            }
        }
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString("dsp"));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when the caller may act for {@code dspId}: station ops always, a dispatcher only for its own DSP. */
    public boolean actsFor(String dspId) {
        return has(Role.STATION_OPS) || (has(Role.DISPATCHER) && dspId != null && dspId.equals(this.dspId));
    }
}
