package io.grapevine.security;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * The identity the front door signs for every request it passes on (a short-lived JWT,
 * HMAC-SHA256 with the key the gateway and the services share), and how a service reads
 * it back as the person who signed in at the front door.
 */
public final class RelayTokens {

	/** The issuer of relayed tokens. */
	public static final String ISSUER = "grapevine-gateway";

	static final String ROLES_CLAIM = "roles";

	static final String DEPARTMENT_CLAIM = "department";

	static final String EMAIL_CLAIM = "email";

	// Clocks of the gateway and a service on different hosts may drift a little.
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

	private final SecretKey key;

	private final Duration lifetime;

	private final Clock clock;

	private final JwtEncoder encoder;

	RelayTokens(GrapevineSecurityProperties.Relay settings, Clock clock) {
		this.key = new SecretKeySpec(settings.secret().strip().getBytes(StandardCharsets.UTF_8), "HmacSHA256");
		this.lifetime = settings.lifetime();
		this.clock = clock;
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(this.key));
	}

	/**
	 * The relayed tokens of checked settings.
	 * @param settings the relay settings, with a secret
	 * @return the tokens
	 */
	public static RelayTokens of(GrapevineSecurityProperties.Relay settings) {
		return new RelayTokens(settings, Clock.systemUTC());
	}

	/**
	 * Sign the identity of a person for the services behind the front door.
	 * @param user the person signed in at the front door
	 * @return the token to send as {@code Authorization: Bearer}
	 */
	public String sign(SignedInUser user) {
		Instant now = this.clock.instant();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(user.username())
			.issuedAt(now)
			.expiresAt(now.plus(this.lifetime))
			.claim(ROLES_CLAIM, user.roles().stream().map(Role::name).sorted().toList());
		user.department().ifPresent((department) -> claims.claim(DEPARTMENT_CLAIM, department));
		user.email().ifPresent((email) -> claims.claim(EMAIL_CLAIM, email));
		return this.encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	ReactiveJwtDecoder decoder() {
		NimbusReactiveJwtDecoder decoder = NimbusReactiveJwtDecoder.withSecretKey(this.key)
			.macAlgorithm(MacAlgorithm.HS256)
			.build();
		JwtTimestampValidator timestamps = new JwtTimestampValidator(CLOCK_SKEW);
		timestamps.setClock(this.clock);
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER)));
		return decoder;
	}

	Converter<Jwt, Mono<AbstractAuthenticationToken>> authentication() {
		return (jwt) -> {
			List<Role> roles = new ArrayList<>();
			List<String> names = Optional.ofNullable(jwt.getClaimAsStringList(ROLES_CLAIM)).orElse(List.of());
			for (Role role : Role.values()) {
				if (names.contains(role.name())) {
					roles.add(role);
				}
			}
			List<GrantedAuthority> authorities = LocalUsers.authorities(roles);
			return Mono.just(new JwtAuthenticationToken(jwt, authorities, jwt.getSubject()));
		};
	}

	static Optional<String> department(Jwt jwt) {
		return Optional.ofNullable(jwt.getClaimAsString(DEPARTMENT_CLAIM)).filter((id) -> !id.isBlank());
	}

	static Optional<String> email(Jwt jwt) {
		return Optional.ofNullable(jwt.getClaimAsString(EMAIL_CLAIM)).filter((address) -> !address.isBlank());
	}

}
