package vn.ictrank.support;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;

/**
 * Jakarta Mail 2.1 looks up its stream provider through {@code ServiceLoader} for every header
 * it decodes and every part it reads or writes (jakartaee/mail-api#861): a search of every jar on
 * the class path each time, which took a sixth of the ingest service's CPU during the deadline-day
 * burst. {@code FactoryFinder} reads
 * the system property named after the provider type first; naming Angus Mail's provider there
 * turns each lookup into a call of a loaded class's constructor. A value already set is kept.
 */
@AutoConfiguration
@ConditionalOnClass(name = MailStreamProviderAutoConfiguration.ANGUS_PROVIDER)
public class MailStreamProviderAutoConfiguration {

	static final String PROPERTY = "jakarta.mail.util.StreamProvider";

	static final String ANGUS_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

	MailStreamProviderAutoConfiguration() {
		if (System.getProperty(PROPERTY) == null) {
			System.setProperty(PROPERTY, ANGUS_PROVIDER);
		}
	}
}
