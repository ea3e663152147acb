package dev.herald.core.admin;

import java.util.HashSet;
import java.util.Set;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The Metatype PASSWORD attributes a bundle declares for a PID or a factory PID. */
final class PasswordAttributes {

    private PasswordAttributes() {
    }

    /** Their ids; none when {@code info} is null or does not define {@code pid}. */
    static Set<String> of(MetaTypeInformation info, String pid) {
        Set<String> ids = new HashSet<>();
        try {
            ObjectClassDefinition ocd = info == null ? null : info.getObjectClassDefinition(pid, null);
            AttributeDefinition[] attrs = ocd == null ? null : ocd.getAttributeDefinitions(ObjectClassDefinition.ALL);
            for (AttributeDefinition a : attrs == null ? new AttributeDefinition[0] : attrs) {
                if (a.getType() == AttributeDefinition.PASSWORD) {
                    ids.add(a.getID());
                }
            }
        } catch (IllegalArgumentException e) {
            // Metatype's way of saying it has no definition for this PID: no passwords declared
        }
        return ids;
    }
}
