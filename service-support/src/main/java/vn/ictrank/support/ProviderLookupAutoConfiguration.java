package vn.ictrank.support;

import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.util.ClassUtils;

/**
 * Names, once, the providers two libraries otherwise look up through {@code ServiceLoader} on every
 * call, a search of every jar on the class path each time: Jakarta Mail 2.1's stream provider, for
 * every header it decodes and every part it reads or writes (jakartaee/mail-api#861), and JAXP's SAX
 * parser factory, which XMLBeans asks for on every part of every workbook. Together they took a
 * quarter of the ingest service's CPU during the deadline-day burst. Both finders read the system
 * property named after the provider type first; a value already set is kept, and a library that is
 * not on the class path is left alone.
 */
@AutoConfiguration
public class ProviderLookupAutoConfiguration {

	/** Property, the provider it names, and the class whose presence says the library is used. */
	private static final Map<String, String[]> PROVIDERS = Map.of(
			"jakarta.mail.util.StreamProvider", new String[] { "org.eclipse.angus.mail.util.MailStreamProvider",
					"org.eclipse.angus.mail.util.MailStreamProvider" },
			"javax.xml.parsers.SAXParserFactory", new String[] { "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
					"org.apache.xmlbeans.XmlObject" });

	ProviderLookupAutoConfiguration() {
		ClassLoader loader = getClass().getClassLoader();
		PROVIDERS.forEach((property, provider) -> {
			if (System.getProperty(property) == null && ClassUtils.isPresent(provider[1], loader)) {
				System.setProperty(property, provider[0]);
			}
		});
	}
}
