package io.grapevine.digest.composition.sections;

import java.util.List;
import java.util.Optional;

/**
 * The sections of a digest, in the order it says them.
 *
 * @param volume volume and sentiment against the period before
 * @param mattersMost the mentions that matter most, widest reach first, copies folded
 * @param newVoices authors heard for the first time, widest reach first
 * @param risingTerms words said more than usual
 * @param spikes the alerts raised in the period for the department's topics
 * @param waiting questions and negative mentions nobody has answered yet
 * @param waitingTotal how many mentions wait in all
 * @param handling how the queue stands ("7 waiting, the oldest published 2 d ago; 12
 * answered: ana 7, li 5"), when search-service tracks handling
 */
public record DigestSections(Optional<VolumeAndSentiment> volume, List<Item> mattersMost, List<Item> newVoices,
		List<Item> risingTerms, List<Item> spikes, List<Item> waiting, long waitingTotal, Optional<String> handling) {

	public DigestSections {
		volume = (volume != null) ? volume : Optional.empty();
		mattersMost = (mattersMost != null) ? List.copyOf(mattersMost) : List.of();
		newVoices = (newVoices != null) ? List.copyOf(newVoices) : List.of();
		risingTerms = (risingTerms != null) ? List.copyOf(risingTerms) : List.of();
		spikes = (spikes != null) ? List.copyOf(spikes) : List.of();
		waiting = (waiting != null) ? List.copyOf(waiting) : List.of();
		handling = (handling != null) ? handling : Optional.empty();
	}

	/**
	 * No sections: a digest composed from the summary alone.
	 * @return the empty sections
	 */
	public static DigestSections none() {
		return new DigestSections(Optional.empty(), List.of(), List.of(), List.of(), List.of(), List.of(), 0,
				Optional.empty());
	}

	/**
	 * Whether there is anything to show.
	 * @return false for {@link #none()}
	 */
	public boolean present() {
		return this.volume.isPresent();
	}

}
