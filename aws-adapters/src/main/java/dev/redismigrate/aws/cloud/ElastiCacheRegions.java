package dev.redismigrate.aws.cloud;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Where an ElastiCache resource lives, read from what names it: an ARN carries the region
 * ({@code arn:aws:elasticache:eu-west-1:...}); an endpoint host name carries a short region code before
 * {@code .cache.amazonaws.com} ({@code master.orders.abc123.euw1.cache.amazonaws.com}: {@code euw1} is eu-west-1).
 */
final class ElastiCacheRegions {
    private static final String HOST_SUFFIX = ".cache.amazonaws.com";
    private static final Map<String, String> DIRECTIONS = Map.of("north", "n", "south", "s", "east", "e", "west", "w",
            "central", "c", "northeast", "ne", "northwest", "nw", "southeast", "se", "southwest", "sw");

    private ElastiCacheRegions() {
    }

    /** The region of an ARN; empty for anything that is not one. */
    static Optional<String> ofArn(String arn) {
        String[] parts = arn == null ? new String[0] : arn.split(":", 6);
        return parts.length == 6 && parts[0].equals("arn") && !parts[3].isEmpty() ? Optional.of(parts[3]) : Optional.empty();
    }

    /** The region code of an ElastiCache endpoint host ({@code euw1}); empty for another host. */
    static Optional<String> codeOfHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!name.endsWith(HOST_SUFFIX)) {
            return Optional.empty();
        }
        String[] labels = name.substring(0, name.length() - HOST_SUFFIX.length()).split("\\.");
        return labels.length < 2 ? Optional.empty() : Optional.of(labels[labels.length - 1]);
    }

    /** The code ElastiCache host names use for a region: eu-west-1 is {@code euw1}, ap-southeast-2 {@code apse2}. */
    static String codeOf(String region) {
        String[] parts = region.toLowerCase(Locale.ROOT).split("-");
        if (parts.length < 3) {
            return region;
        }
        String middle = Arrays.stream(parts, 1, parts.length - 1)
                .map(part -> DIRECTIONS.getOrDefault(part, part.substring(0, 1)))
                .collect(Collectors.joining());
        return parts[0] + middle + parts[parts.length - 1];
    }
}
