package io.grapevine.listening.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import io.grapevine.listening.enrich.Enrichment;
import io.grapevine.listening.mention.Mention;
import io.grapevine.listening.organization.Organization;

/**
 * Mentions per second through the whole enrichment chain, one shared {@link Enrichment}
 * as an ingest process has.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EnrichmentBenchmark {

	private DemoMentions mentions;

	private Enrichment enrichment;

	private final AtomicLong next = new AtomicLong();

	@Setup(Level.Trial)
	public void setUp() {
		this.mentions = DemoMentions.load();
		this.enrichment = Enrichment.of(new Organization("Harbor City Transit", java.util.List.of()));
		this.next.set(0);
	}

	@Benchmark
	public Mention enrich() {
		return this.enrichment.enrich(this.mentions.get(this.next.getAndIncrement()));
	}

}
