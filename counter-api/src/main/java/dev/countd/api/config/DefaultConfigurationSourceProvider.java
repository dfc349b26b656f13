package dev.countd.api.config;

import io.dropwizard.configuration.ConfigurationSourceProvider;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.ResourceConfigurationSourceProvider;

import java.io.IOException;
import java.io.InputStream;

/** Reads {@code classpath:} paths from the jar (the built-in defaults) and anything else from a file. */
public class DefaultConfigurationSourceProvider implements ConfigurationSourceProvider {

    public static final String PREFIX = "classpath:";
    public static final String BUILT_IN = PREFIX + "countd-defaults.yml";

    private final ConfigurationSourceProvider files = new FileConfigurationSourceProvider();
    private final ConfigurationSourceProvider resources = new ResourceConfigurationSourceProvider();

    @Override
    public InputStream open(String path) throws IOException {
        return path.startsWith(PREFIX) ? resources.open(path.substring(PREFIX.length())) : files.open(path);
    }
}
