package io.grapevine.ingest.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.grapevine.ingest.pipeline.SourceInstanceAssignor.Member;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceInstanceAssignorTests {

	private static final int PARTITIONS = 12;

	/** Six instances in six different partitions. */
	private static final List<String> INSTANCES = distinctPartitions(6);

	@Test
	void aSingleReplicaIsGivenEveryPartition() {
		Map<String, List<Integer>> assigned = SourceInstanceAssignor.assign(PARTITIONS,
				Map.of("a", new Member(INSTANCES, List.of())));

		assertThat(assigned.get("a")).containsExactlyElementsOf(IntStream.range(0, PARTITIONS).boxed().toList());
	}

	@Test
	void theInstancesAreSpreadEvenlyOverTheReplicasWhateverTheirPartitions() {
		Map<String, List<Integer>> assigned = SourceInstanceAssignor.assign(PARTITIONS,
				members(List.of("a", "b", "c"), List.of(List.of(), List.of(), List.of())));

		assertThat(assigned.values()).allSatisfy((partitions) -> assertThat(instancesIn(partitions)).hasSize(2));
		assertThat(assigned.values().stream().mapToInt(List::size).sum()).isEqualTo(PARTITIONS);
		assertThat(assigned.values().stream().flatMap(List::stream).distinct().count()).isEqualTo(PARTITIONS);
	}

	@Test
	void aReplicaThatJoinsIsGivenItsShareWhileTheOthersKeepTheRest() {
		Map<String, List<Integer>> before = SourceInstanceAssignor.assign(PARTITIONS,
				members(List.of("a", "b"), List.of(List.of(), List.of())));

		Map<String, List<Integer>> after = SourceInstanceAssignor.assign(PARTITIONS,
				members(List.of("a", "b", "c"), List.of(before.get("a"), before.get("b"), List.of())));

		assertThat(instancesIn(after.get("c"))).hasSize(2);
		assertThat(instancesIn(before.get("a"))).containsAll(instancesIn(after.get("a")));
		assertThat(instancesIn(before.get("b"))).containsAll(instancesIn(after.get("b")));
		assertThat(instancesIn(after.get("a"))).hasSize(2);
		assertThat(instancesIn(after.get("b"))).hasSize(2);
	}

	@Test
	void theInstancesOfAReplicaThatLeftMoveToTheOthersWhileTheirOwnStay() {
		Map<String, List<Integer>> before = SourceInstanceAssignor.assign(PARTITIONS,
				members(List.of("a", "b", "c"), List.of(List.of(), List.of(), List.of())));

		Map<String, List<Integer>> after = SourceInstanceAssignor.assign(PARTITIONS,
				members(List.of("a", "b"), List.of(before.get("a"), before.get("b"))));

		assertThat(instancesIn(after.get("a"))).containsAll(instancesIn(before.get("a"))).hasSize(3);
		assertThat(instancesIn(after.get("b"))).containsAll(instancesIn(before.get("b"))).hasSize(3);
	}

	@Test
	void anInstanceOnlyOneReplicaDeclaresRunsThereDuringARollingUpdate() {
		String added = distinctPartitions(7).get(6);
		Map<String, Member> members = new LinkedHashMap<>();
		members.put("old", new Member(INSTANCES, List.of()));
		List<String> newer = new ArrayList<>(INSTANCES);
		newer.add(added);
		members.put("new", new Member(newer, List.of()));

		Map<String, List<Integer>> assigned = SourceInstanceAssignor.assign(PARTITIONS, members);

		assertThat(assigned.get("new")).contains(SourceInstanceAssignor.partitionOf(added, PARTITIONS));
	}

	@Test
	void twoInstancesThatShareAPartitionCountTwiceInTheBalance() {
		String first = INSTANCES.get(0);
		int shared = SourceInstanceAssignor.partitionOf(first, PARTITIONS);
		String second = IntStream.range(0, 10_000)
			.mapToObj((n) -> "reddit:instance-" + n)
			.filter((id) -> SourceInstanceAssignor.partitionOf(id, PARTITIONS) == shared)
			.findFirst()
			.orElseThrow();
		List<String> declared = List.of(first, second, INSTANCES.get(1), INSTANCES.get(2));
		Map<String, Member> members = new LinkedHashMap<>();
		members.put("a", new Member(declared, List.of()));
		members.put("b", new Member(declared, List.of()));

		Map<String, List<Integer>> assigned = SourceInstanceAssignor.assign(PARTITIONS, members);

		String owner = assigned.get("a").contains(shared) ? "a" : "b";
		String other = owner.equals("a") ? "b" : "a";
		assertThat(assigned.get(other)).contains(SourceInstanceAssignor.partitionOf(INSTANCES.get(1), PARTITIONS),
				SourceInstanceAssignor.partitionOf(INSTANCES.get(2), PARTITIONS));
	}

	private static Map<String, Member> members(List<String> ids, List<List<Integer>> owned) {
		Map<String, Member> members = new LinkedHashMap<>();
		for (int i = 0; i < ids.size(); i++) {
			members.put(ids.get(i), new Member(INSTANCES, owned.get(i)));
		}
		return members;
	}

	private static List<String> instancesIn(List<Integer> partitions) {
		return INSTANCES.stream()
			.filter((id) -> partitions.contains(SourceInstanceAssignor.partitionOf(id, PARTITIONS)))
			.toList();
	}

	private static List<String> distinctPartitions(int count) {
		List<String> ids = new ArrayList<>();
		List<Integer> used = new ArrayList<>();
		for (int n = 0; ids.size() < count; n++) {
			String id = "x:instance-" + n;
			int partition = SourceInstanceAssignor.partitionOf(id, PARTITIONS);
			if (!used.contains(partition)) {
				used.add(partition);
				ids.add(id);
			}
		}
		return List.copyOf(ids);
	}

}
