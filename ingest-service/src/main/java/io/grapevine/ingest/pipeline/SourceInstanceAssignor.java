package io.grapevine.ingest.pipeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grapevine.listening.mention.MentionJson;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.common.Cluster;
import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assignment strategy of the ingest replicas' consumer group: it spreads the
 * partitions of {@code ingest.instances} that hold source instances evenly over the live
 * replicas (by the number of instances, not of partitions), keeps a partition where it
 * was when that stays even, and gives a partition only to a replica that declares one of
 * its instances. Kafka's group protocol does the rest: membership, failure detection, and
 * an eager rebalance in which every replica stops its instances before any replica is
 * given new ones.
 */
public class SourceInstanceAssignor implements ConsumerPartitionAssignor, Configurable {

	/**
	 * The consumer setting that carries the ids of the source instances this replica
	 * declares, as a {@code List<String>}.
	 */
	public static final String DECLARED_INSTANCES_CONFIG = "grapevine.ingest.declared-instances";

	static final String NAME = "grapevine-source-instances";

	private static final Logger logger = LoggerFactory.getLogger(SourceInstanceAssignor.class);

	private static final ObjectMapper json = MentionJson.mapper();

	private List<String> declared = List.of();

	private volatile List<Integer> owned = List.of();

	@Override
	public void configure(Map<String, ?> configs) {
		Object value = configs.get(DECLARED_INSTANCES_CONFIG);
		if (value instanceof Collection<?> ids) {
			this.declared = ids.stream().map(String::valueOf).sorted().toList();
		}
	}

	@Override
	public String name() {
		return NAME;
	}

	/**
	 * The partition of {@code ingest.instances} a source instance belongs to: where
	 * Kafka's default partitioner puts a record keyed by its id.
	 * @param instanceId the source instance id
	 * @param partitions the partitions of the topic
	 * @return the partition
	 */
	static int partitionOf(String instanceId, int partitions) {
		return Utils.toPositive(Utils.murmur2(instanceId.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

	@Override
	public ByteBuffer subscriptionUserData(Set<String> topics) {
		try {
			return ByteBuffer.wrap(json.writeValueAsBytes(new Member(this.declared, this.owned)));
		}
		catch (JsonProcessingException ex) {
			throw new IllegalStateException("Could not write the source instances of this replica", ex);
		}
	}

	@Override
	public void onAssignment(Assignment assignment, ConsumerGroupMetadata metadata) {
		this.owned = assignment.partitions().stream().map(TopicPartition::partition).sorted().toList();
	}

	@Override
	public GroupAssignment assign(Cluster metadata, GroupSubscription groupSubscription) {
		Map<String, Subscription> subscriptions = groupSubscription.groupSubscription();
		Set<String> topics = new TreeSet<>();
		subscriptions.values().forEach((subscription) -> topics.addAll(subscription.topics()));
		Map<String, Member> members = new TreeMap<>();
		subscriptions.forEach((memberId, subscription) -> members.put(memberId, read(subscription.userData())));
		Map<String, List<TopicPartition>> assigned = new HashMap<>();
		members.keySet().forEach((memberId) -> assigned.put(memberId, new ArrayList<>()));
		for (String topic : topics) {
			Integer count = metadata.partitionCountForTopic(topic);
			if (count == null) {
				continue;
			}
			assign(count, members).forEach((memberId, partitions) -> partitions
				.forEach((partition) -> assigned.get(memberId).add(new TopicPartition(topic, partition))));
		}
		Map<String, Assignment> assignments = new HashMap<>();
		assigned.forEach((memberId, partitions) -> assignments.put(memberId, new Assignment(partitions)));
		return new GroupAssignment(assignments);
	}

	/**
	 * Share the partitions of one topic out among the members.
	 * @param partitions the partitions of the topic
	 * @param members each member's declared instances and the partitions it owned
	 * @return the partitions of each member, every member present
	 */
	static Map<String, List<Integer>> assign(int partitions, Map<String, Member> members) {
		Map<String, List<Integer>> assigned = new LinkedHashMap<>();
		Map<String, Integer> load = new HashMap<>();
		new TreeSet<>(members.keySet()).forEach((memberId) -> {
			assigned.put(memberId, new ArrayList<>());
			load.put(memberId, 0);
		});
		if (members.isEmpty()) {
			return assigned;
		}
		// The instances of every partition, and who declares them.
		Map<Integer, Set<String>> instances = new TreeMap<>();
		Map<Integer, Set<String>> declaring = new HashMap<>();
		members.forEach((memberId, member) -> member.instances().forEach((instanceId) -> {
			int partition = partitionOf(instanceId, partitions);
			instances.computeIfAbsent(partition, (key) -> new TreeSet<>()).add(instanceId);
			declaring.computeIfAbsent(partition, (key) -> new HashSet<>()).add(memberId);
		}));
		int total = instances.values().stream().mapToInt(Set::size).sum();
		int fair = (total + members.size() - 1) / members.size();
		List<Integer> occupied = new ArrayList<>(instances.keySet());
		occupied.sort(Comparator.comparing((Integer partition) -> -instances.get(partition).size())
			.thenComparing(Comparator.naturalOrder()));
		List<Integer> left = new ArrayList<>();
		for (int partition : occupied) {
			int weight = instances.get(partition).size();
			String previous = previousOwner(partition, members, declaring.get(partition));
			if (previous != null && load.get(previous) + weight <= Math.max(fair, weight)) {
				give(previous, partition, weight, assigned, load);
			}
			else {
				left.add(partition);
			}
		}
		for (int partition : left) {
			Set<String> candidates = declaring.get(partition);
			String least = assigned.keySet()
				.stream()
				.filter(candidates::contains)
				.min(Comparator.comparing((String memberId) -> load.get(memberId)))
				.orElseThrow();
			give(least, partition, instances.get(partition).size(), assigned, load);
		}
		// The partitions without an instance go to whoever has fewest, so that every
		// partition has an owner and an instance declared later is run at once.
		for (int partition = 0; partition < partitions; partition++) {
			if (instances.containsKey(partition)) {
				continue;
			}
			String fewest = assigned.keySet()
				.stream()
				.min(Comparator.comparing((String memberId) -> assigned.get(memberId).size()))
				.orElseThrow();
			assigned.get(fewest).add(partition);
		}
		assigned.values().forEach((list) -> list.sort(Comparator.naturalOrder()));
		return assigned;
	}

	private static String previousOwner(int partition, Map<String, Member> members, Set<String> declaring) {
		return members.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().owned().contains(partition) && declaring.contains(entry.getKey()))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElse(null);
	}

	private static void give(String memberId, int partition, int weight, Map<String, List<Integer>> assigned,
			Map<String, Integer> load) {
		assigned.get(memberId).add(partition);
		load.merge(memberId, weight, Integer::sum);
	}

	private static Member read(ByteBuffer userData) {
		if (userData == null || !userData.hasRemaining()) {
			return new Member(List.of(), List.of());
		}
		ByteBuffer copy = userData.duplicate();
		byte[] bytes = new byte[copy.remaining()];
		copy.get(bytes);
		try {
			return json.readValue(bytes, Member.class);
		}
		catch (java.io.IOException ex) {
			logger.warn("A member of the ingest group sent unreadable source instances; it is given none: {}",
					ex.getMessage());
			return new Member(List.of(), List.of());
		}
	}

	/**
	 * What a replica tells the group when it joins: the source instances it declares and
	 * the partitions it owned until then.
	 *
	 * @param instances the ids of the source instances it can run
	 * @param owned the partitions it owned before this rebalance
	 */
	record Member(List<String> instances, List<Integer> owned) {

		Member {
			instances = (instances != null) ? List.copyOf(instances) : List.of();
			owned = (owned != null) ? List.copyOf(owned) : List.of();
		}

	}

}
